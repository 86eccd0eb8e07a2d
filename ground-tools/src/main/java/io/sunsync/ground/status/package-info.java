/**
 * The state of one satellite or a constellation as the ground sees it (presence, latest
 * housekeeping, freshness, limits) and its presentation as a table or JSON.
 */
package io.sunsync.ground.status;
