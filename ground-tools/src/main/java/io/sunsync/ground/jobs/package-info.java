/** Jobs from the ground: spec files, the job list as a table. Commands go through {@code io.sunsync.ground.command}. */
package io.sunsync.ground.jobs;
