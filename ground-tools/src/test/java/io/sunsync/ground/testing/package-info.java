/** Test fixtures: the real flight software flying on the sim backend, and an in-JVM command line runner. */
package io.sunsync.ground.testing;
