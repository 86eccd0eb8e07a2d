package io.sunsync.flight.link;

/** Why the last attempt to connect to the broker failed. */
public enum ConnectFailure {
    /** Nothing listens at the broker address, or the network is down. */
    UNREACHABLE,
    /** The TLS handshake failed: the server certificate did not verify against the CA, a wrong host name, or the broker refused our client certificate. */
    TLS_HANDSHAKE,
    /** The broker refused the username or password (MQTT 5 reason 0x86). */
    BAD_CREDENTIALS,
    /** The broker refused the client (MQTT 5 reason 0x87, 0x85 client id, 0x8A banned). */
    NOT_AUTHORIZED,
    /** The broker did not answer the CONNECT in time. */
    TIMEOUT,
    /** Any other refusal or protocol error; the detail says which. */
    REFUSED
}
