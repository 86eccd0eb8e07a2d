/**
 * The interface control document's JSON Schemas ({@code docs/icd/schemas}, on the class path
 * under {@code icd/schemas/}): flight validates what it receives against them, and contract
 * tests check that what it sends validates too.
 */
package io.sunsync.flight.icd;
