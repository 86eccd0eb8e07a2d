/**
 * The oracle: an upper bound on the useful work any controller could do in a scenario with
 * perfect foresight inside the same limits ({@link io.sunsync.sim.oracle.Oracle}), so a
 * controller is graded as (work done) / (oracle work). Stateless and thread safe.
 */
package io.sunsync.sim.oracle;
