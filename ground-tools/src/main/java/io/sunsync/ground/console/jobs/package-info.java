/**
 * Jobs from the browser: the job board (each job's state, followed from the satellite's events
 * and its job list) and the result shelf (every result downlinked, each chunk and file checked
 * against its SHA-256 before a browser may download it).
 */
package io.sunsync.ground.console.jobs;
