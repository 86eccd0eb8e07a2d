package io.sunsync.ground.cli;

import picocli.CommandLine.Option;

/** Broker connection options shared by every ground command. */
public final class BrokerOptions {
    @Option(names = {"-b", "--broker"}, paramLabel = "URL", defaultValue = "${env:SUNSYNC_BROKER:-tcp://127.0.0.1:1883}",
            description = "Broker URL (default: $SUNSYNC_BROKER or ${DEFAULT-VALUE}).")
    String broker;

    @Option(names = {"-u", "--username"}, description = "MQTT username.")
    String username;

    @Option(names = "--password", interactive = true, arity = "0..1", description = "MQTT password (prompted if no value).")
    char[] password;
}
