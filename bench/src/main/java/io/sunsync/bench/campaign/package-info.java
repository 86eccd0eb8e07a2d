/**
 * Campaigns: many randomized runs that must all pass, against flight in the simulation
 * ({@link io.sunsync.bench.campaign.SoakCampaign}, {@code ./sunsync soak}) or as its own JVM
 * through a real Mosquitto ({@link io.sunsync.bench.campaign.ProcessCampaign}, {@code soak --process};
 * {@link io.sunsync.bench.campaign.HostileCampaign}, {@code ./sunsync hostile};
 * {@link io.sunsync.bench.campaign.ResourceBoundsBench}, {@code bench resource-bounds}), with what
 * they share: the flight process they start and kill with its working folder and config file
 * ({@link io.sunsync.bench.campaign.FlightProcess}, {@link io.sunsync.bench.campaign.SimFlightConfig}), the ground they play (signing with the
 * ground's own signer), the per-id audit and the summary files under {@code bench/out/}.
 */
package io.sunsync.bench.campaign;
