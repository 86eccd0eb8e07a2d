/**
 * The mission rehearsal behind {@code sunsync demo} (docs/mission-run.md): an embedded broker, the
 * flight software started by its own launcher on the sim backend, a scripted ground session, and
 * the mission report (Markdown, HTML, PNG plots, {@code summary.json}) with its verdict;
 * {@link io.sunsync.ground.mission.MissionOptions}, the command-line options it shares with
 * {@code sunsync constellation}.
 */
package io.sunsync.ground.mission;
