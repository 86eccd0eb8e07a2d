/**
 * Backend selection, in one place: the satellite's config file names a backend for each
 * device ({@link io.sunsync.hal.config.HardwareConfig}); {@link io.sunsync.hal.config.HardwareAssembly}
 * finds the {@link io.sunsync.hal.config.BackendProvider}s on the class path (service loader),
 * builds the devices and logs what it chose. {@link io.sunsync.hal.config.ConfigReader} reads
 * YAML or JSON config files into validated records, with errors that name the key.
 */
package io.sunsync.hal.config;
