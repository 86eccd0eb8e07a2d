/**
 * Ground-side telecommand signing, to the format of {@code docs/icd/commanding.md}: HMAC-SHA256
 * over the exact bytes of the {@code cmd} object, placed verbatim in the envelope. Ground tools
 * use it to build commands for any satellite from its published dictionary; it shares no code
 * with flight (a cross-test proves flight accepts what it produces).
 */
package io.sunsync.ground.tc;
