/**
 * On-board parameters that the ground can read and set ({@code param.get}, {@code param.set},
 * {@code param.list}): each owner registers a typed, ranged parameter with a getter and, if
 * writable, a setter.
 */
package io.sunsync.flight.cmd.param;
