/** Reading a satellite's presence and housekeeping off the broker and showing it as a table. */
package io.sunsync.ground.status;
