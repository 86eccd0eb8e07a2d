/** On-board events as the ground reads them: parsing per the ICD, severity filtering and one-line presentation. */
package io.sunsync.ground.events;
