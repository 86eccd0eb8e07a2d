/** The picocli entry points: {@code sunsync ground …} and {@code sunsync demo}. */
package io.sunsync.ground.cli;
