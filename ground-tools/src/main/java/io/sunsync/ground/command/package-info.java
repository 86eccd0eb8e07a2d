/**
 * Commanding from the ground (docs/icd/commanding.md): the satellite's dictionary, arguments
 * typed and checked against it before sending (refusals carry a {@link io.sunsync.ground.command.Refusal}
 * code), persisted sequence numbers, signing (with {@code io.sunsync.ground.tc}), verification
 * report tracking, and arm-then-execute for critical commands.
 */
package io.sunsync.ground.command;
