/**
 * Ground tools: the operator CLI ({@code sunsync ground …}) and the mission rehearsal
 * ({@code sunsync demo}). Speaks only MQTT and the ICD ({@code docs/icd/}); it has no compile
 * dependency on the flight software.
 */
package io.sunsync.ground;
