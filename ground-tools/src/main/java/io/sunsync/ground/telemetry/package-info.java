/**
 * Telemetry knowledge and presentation: the point catalogue (units, descriptions, limits from
 * built-in knowledge of the housekeeping frame, the satellite's dictionary and the operator's
 * profile), dotted paths into JSON frames, and limit highlighting (ANSI colour on a terminal,
 * text markers otherwise). Everything here is immutable and thread safe.
 */
package io.sunsync.ground.telemetry;
