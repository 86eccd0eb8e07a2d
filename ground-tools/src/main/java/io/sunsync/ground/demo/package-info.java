/**
 * The mission rehearsal behind {@code sunsync demo}: an embedded broker, the flight software
 * on the sim backend as a child process, and a scripted ground session.
 */
package io.sunsync.ground.demo;
