/**
 * The MQTT 5 link to the ground (Eclipse Paho v5): every outgoing message goes through the on-disk
 * outbox ({@link io.sunsync.flight.link.outbox}) and is drained by one sender thread when
 * connected, acknowledged before it is forgotten; presence (retained birth message and last will);
 * reconnect with backoff, TLS from PEM files, username/password; inbound messages handed to one
 * inbound thread ({@code InboundDispatcher}). The topic tree is the interface control document's ({@code docs/icd/}); the
 * design is in {@code docs/link.md}.
 */
package io.sunsync.flight.link;
