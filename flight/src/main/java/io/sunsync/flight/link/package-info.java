/**
 * The MQTT 5 link to the ground (Eclipse Paho v5): presence (retained birth message and last
 * will), telemetry downlink through a sender thread so the control loop never blocks on the
 * network. The topic tree is the interface control document's ({@code docs/icd/}).
 */
package io.sunsync.flight.link;
