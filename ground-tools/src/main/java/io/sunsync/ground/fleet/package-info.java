/**
 * The constellation: a one-line-per-satellite view, and ingest workers that scale out across
 * ground processes with MQTT 5 shared subscriptions ({@code $share/GROUP/sunsync/+/tm/hk}).
 */
package io.sunsync.ground.fleet;
