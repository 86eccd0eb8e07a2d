/*
 * A fake libnvidia-ml.so.1 for sunsync's hal tests: the NVML entry points the nvml backend calls,
 * with the signatures, units and return codes of NVIDIA's nvml.h (NVML API Reference, R535+),
 * answering from devices a test describes in a script file. Built by hal's test build (gcc).
 *
 * Script (one directive per line, '#' comments):
 *   init CODE                  what nvmlInit_v2 returns (default SUCCESS)
 *   driver 580.65.06           nvmlSystemGetDriverVersion
 *   device                     starts a device (index = order of appearance)
 *   uuid GPU-...               its UUID            name NVIDIA H200          its product name
 *   power_mw N                 power usage, mW     limit_mw N                management limit, mW
 *   enforced_mw N              enforced limit, mW (default: the management limit)
 *   min_mw N / max_mw N        limit constraints   default_mw N              default limit, mW
 *   temp_c N                   GPU temperature     slowdown_c N / shutdown_c N  thresholds, °C
 *   util N                     GPU utilisation %   ecc N                     uncorrected volatile ECC errors
 *   reasons 0xHEX              clocks event reasons bit mask
 *   fail CALL CODE             CALL returns CODE for this device; CALL is one of handle, index, name, uuid,
 *                              power, limit, enforced, constraints, default, temp, slowdown, shutdown,
 *                              util, ecc, reasons, set_limit, or * (every call: e.g. GPU_IS_LOST)
 *   sticks 0                   nvmlDeviceSetPowerManagementLimit answers SUCCESS but the limit stays
 *   clamp 1                    a set limit outside [min, max] is INVALID_ARGUMENT (default 1)
 * CODE is an nvmlReturn_t name without NVML_ERROR_ (NOT_SUPPORTED, GPU_IS_LOST, ...) or a number.
 *
 * Test hooks (not NVML): fakeNvmlLoad(path) loads a script (also read from $SUNSYNC_FAKE_NVML at
 * the first nvmlInit when none was loaded), fakeNvmlSetLimitCalls(i), fakeNvmlLimitMw(i),
 * fakeNvmlInitCount(). Compiled with -DOLD_DRIVER it lacks nvmlDeviceGetCurrentClocksEventReasons
 * (drivers before R535 only have nvmlDeviceGetCurrentClocksThrottleReasons).
 *
 * Thread safe: one mutex around every entry point (the backend calls from several threads).
 */
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef int nvmlReturn_t;
typedef struct nvmlDevice_st *nvmlDevice_t;
typedef struct {
    unsigned int gpu;
    unsigned int memory;
} nvmlUtilization_t;

enum {
    NVML_SUCCESS = 0, NVML_ERROR_UNINITIALIZED = 1, NVML_ERROR_INVALID_ARGUMENT = 2,
    NVML_ERROR_NOT_SUPPORTED = 3, NVML_ERROR_NOT_FOUND = 6, NVML_ERROR_INSUFFICIENT_SIZE = 7,
    NVML_ERROR_UNKNOWN = 999
};

#define MAX_DEVICES 64
#define CALLS 17
static const char *CALL_NAMES[CALLS] = {"handle", "index", "name", "uuid", "power", "limit", "enforced",
    "constraints", "default", "temp", "slowdown", "shutdown", "util", "ecc", "reasons", "set_limit", "*"};
enum { C_HANDLE, C_INDEX, C_NAME, C_UUID, C_POWER, C_LIMIT, C_ENFORCED, C_CONSTRAINTS, C_DEFAULT, C_TEMP,
    C_SLOWDOWN, C_SHUTDOWN, C_UTIL, C_ECC, C_REASONS, C_SET_LIMIT, C_ALL };

struct nvmlDevice_st {
    char uuid[96];
    char name[96];
    unsigned int power_mw, limit_mw, enforced_mw, min_mw, max_mw, default_mw;
    int enforced_set;
    unsigned int temp_c, slowdown_c, shutdown_c, util;
    unsigned long long ecc, reasons;
    int fail[CALLS];
    int sticks, clamp;
    int set_limit_calls;
};

static const struct {
    const char *name;
    int code;
} CODES[] = {
    {"SUCCESS", 0}, {"UNINITIALIZED", 1}, {"INVALID_ARGUMENT", 2}, {"NOT_SUPPORTED", 3}, {"NO_PERMISSION", 4},
    {"ALREADY_INITIALIZED", 5}, {"NOT_FOUND", 6}, {"INSUFFICIENT_SIZE", 7}, {"INSUFFICIENT_POWER", 8},
    {"DRIVER_NOT_LOADED", 9}, {"TIMEOUT", 10}, {"IRQ_ISSUE", 11}, {"LIBRARY_NOT_FOUND", 12},
    {"FUNCTION_NOT_FOUND", 13}, {"CORRUPTED_INFOROM", 14}, {"GPU_IS_LOST", 15}, {"RESET_REQUIRED", 16},
    {"OPERATING_SYSTEM", 17}, {"LIB_RM_VERSION_MISMATCH", 18}, {"IN_USE", 19}, {"MEMORY", 20}, {"NO_DATA", 21},
    {"VGPU_ECC_NOT_SUPPORTED", 22}, {"INSUFFICIENT_RESOURCES", 23}, {"FREQ_NOT_SUPPORTED", 24},
    {"ARGUMENT_VERSION_MISMATCH", 25}, {"DEPRECATED", 26}, {"NOT_READY", 27}, {"GPU_NOT_FOUND", 28},
    {"INVALID_STATE", 29}, {"RESET_TYPE_NOT_SUPPORTED", 30}, {"UNKNOWN", 999}};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct nvmlDevice_st devices[MAX_DEVICES];
static unsigned int device_count;
static int init_code;
static int loaded;
static int init_refs;
static int init_count;
static char driver[80] = "580.65.06";

static int code_of(const char *s) {
    for (size_t i = 0; i < sizeof CODES / sizeof CODES[0]; i++) {
        if (strcmp(s, CODES[i].name) == 0) {
            return CODES[i].code;
        }
    }
    return atoi(s);
}

static void trim(char *s) {
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r' || s[n - 1] == ' ' || s[n - 1] == '\t')) {
        s[--n] = '\0';
    }
}

static void copy(char *dst, size_t size, const char *src) {
    snprintf(dst, size, "%s", src);
}

/* Loads a script; returns 0, or -1 when the file cannot be read. Caller holds the lock. */
static int load(const char *path) {
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        return -1;
    }
    memset(devices, 0, sizeof devices);
    device_count = 0;
    init_code = NVML_SUCCESS;
    copy(driver, sizeof driver, "580.65.06");
    struct nvmlDevice_st *d = NULL;
    char line[512];
    while (fgets(line, sizeof line, f) != NULL) {
        trim(line);
        char *p = line;
        while (*p == ' ' || *p == '\t') {
            p++;
        }
        if (*p == '\0' || *p == '#') {
            continue;
        }
        char *key = p;
        char *value = strchr(p, ' ');
        if (value != NULL) {
            *value++ = '\0';
            while (*value == ' ') {
                value++;
            }
        } else {
            value = "";
        }
        if (strcmp(key, "init") == 0) {
            init_code = code_of(value);
        } else if (strcmp(key, "driver") == 0) {
            copy(driver, sizeof driver, value);
        } else if (strcmp(key, "device") == 0) {
            if (device_count == MAX_DEVICES) {
                break;
            }
            d = &devices[device_count];
            snprintf(d->uuid, sizeof d->uuid, "GPU-00000000-0000-0000-0000-%012u", device_count);
            copy(d->name, sizeof d->name, "NVIDIA H200");
            d->power_mw = 78000;
            d->limit_mw = d->max_mw = d->default_mw = 700000;
            d->min_mw = 200000;
            d->temp_c = 35;
            d->slowdown_c = 87;
            d->shutdown_c = 92;
            d->sticks = 1;
            d->clamp = 1;
            device_count++;
        } else if (d == NULL) {
            continue; /* device settings before any device: ignored */
        } else if (strcmp(key, "uuid") == 0) {
            copy(d->uuid, sizeof d->uuid, value);
        } else if (strcmp(key, "name") == 0) {
            copy(d->name, sizeof d->name, value);
        } else if (strcmp(key, "power_mw") == 0) {
            d->power_mw = (unsigned int) strtoul(value, NULL, 10);
        } else if (strcmp(key, "limit_mw") == 0) {
            d->limit_mw = (unsigned int) strtoul(value, NULL, 10);
        } else if (strcmp(key, "enforced_mw") == 0) {
            d->enforced_mw = (unsigned int) strtoul(value, NULL, 10);
            d->enforced_set = 1;
        } else if (strcmp(key, "min_mw") == 0) {
            d->min_mw = (unsigned int) strtoul(value, NULL, 10);
        } else if (strcmp(key, "max_mw") == 0) {
            d->max_mw = (unsigned int) strtoul(value, NULL, 10);
        } else if (strcmp(key, "default_mw") == 0) {
            d->default_mw = (unsigned int) strtoul(value, NULL, 10);
        } else if (strcmp(key, "temp_c") == 0) {
            d->temp_c = (unsigned int) strtoul(value, NULL, 10);
        } else if (strcmp(key, "slowdown_c") == 0) {
            d->slowdown_c = (unsigned int) strtoul(value, NULL, 10);
        } else if (strcmp(key, "shutdown_c") == 0) {
            d->shutdown_c = (unsigned int) strtoul(value, NULL, 10);
        } else if (strcmp(key, "util") == 0) {
            d->util = (unsigned int) strtoul(value, NULL, 10);
        } else if (strcmp(key, "ecc") == 0) {
            d->ecc = strtoull(value, NULL, 10);
        } else if (strcmp(key, "reasons") == 0) {
            d->reasons = strtoull(value, NULL, 0);
        } else if (strcmp(key, "sticks") == 0) {
            d->sticks = atoi(value);
        } else if (strcmp(key, "clamp") == 0) {
            d->clamp = atoi(value);
        } else if (strcmp(key, "fail") == 0) {
            char call[32];
            char code[40];
            if (sscanf(value, "%31s %39s", call, code) == 2) {
                for (int i = 0; i < CALLS; i++) {
                    if (strcmp(call, CALL_NAMES[i]) == 0) {
                        d->fail[i] = code_of(code);
                    }
                }
            }
        }
    }
    fclose(f);
    loaded = 1;
    return 0;
}

/* The code a call on a device answers before doing anything, or SUCCESS. Caller holds the lock. */
static nvmlReturn_t check(nvmlDevice_t device, int call) {
    if (init_refs == 0) {
        return NVML_ERROR_UNINITIALIZED;
    }
    if (device == NULL || device < &devices[0] || device >= &devices[device_count]) {
        return NVML_ERROR_INVALID_ARGUMENT;
    }
    if (device->fail[C_ALL] != 0) {
        return device->fail[C_ALL];
    }
    return device->fail[call];
}

#define LOCKED(expr) do { pthread_mutex_lock(&lock); nvmlReturn_t r_ = (expr); pthread_mutex_unlock(&lock); return r_; } while (0)

int fakeNvmlLoad(const char *path) {
    pthread_mutex_lock(&lock);
    int r = load(path);
    pthread_mutex_unlock(&lock);
    return r;
}

int fakeNvmlSetLimitCalls(unsigned int index) {
    pthread_mutex_lock(&lock);
    int n = index < device_count ? devices[index].set_limit_calls : -1;
    pthread_mutex_unlock(&lock);
    return n;
}

unsigned int fakeNvmlLimitMw(unsigned int index) {
    pthread_mutex_lock(&lock);
    unsigned int v = index < device_count ? devices[index].limit_mw : 0;
    pthread_mutex_unlock(&lock);
    return v;
}

int fakeNvmlInitCount(void) {
    pthread_mutex_lock(&lock);
    int n = init_count;
    pthread_mutex_unlock(&lock);
    return n;
}

static nvmlReturn_t init_locked(void) {
    if (!loaded) {
        const char *env = getenv("SUNSYNC_FAKE_NVML");
        if (env == NULL || load(env) != 0) {
            return NVML_ERROR_UNKNOWN;
        }
    }
    init_count++;
    if (init_code != NVML_SUCCESS) {
        return init_code;
    }
    init_refs++;
    return NVML_SUCCESS;
}

nvmlReturn_t nvmlInit_v2(void) {
    LOCKED(init_locked());
}

nvmlReturn_t nvmlInit(void) {
    LOCKED(init_locked());
}

static nvmlReturn_t shutdown_locked(void) {
    if (init_refs == 0) {
        return NVML_ERROR_UNINITIALIZED;
    }
    init_refs--;
    return NVML_SUCCESS;
}

nvmlReturn_t nvmlShutdown(void) {
    LOCKED(shutdown_locked());
}

const char *nvmlErrorString(nvmlReturn_t result) {
    switch (result) {
    case 0: return "Success";
    case 1: return "Uninitialized";
    case 2: return "Invalid Argument";
    case 3: return "Not Supported";
    case 4: return "Insufficient Permissions";
    case 6: return "Not Found";
    case 9: return "Driver Not Loaded";
    case 10: return "Timeout";
    case 15: return "GPU is lost";
    case 16: return "GPU requires reset";
    case 18: return "RM has detected an NVML/RM version mismatch";
    default: return "Unknown Error";
    }
}

static nvmlReturn_t text_locked(char *buffer, unsigned int length, const char *text) {
    if (buffer == NULL) {
        return NVML_ERROR_INVALID_ARGUMENT;
    }
    if (strlen(text) + 1 > length) {
        return NVML_ERROR_INSUFFICIENT_SIZE;
    }
    strcpy(buffer, text);
    return NVML_SUCCESS;
}

nvmlReturn_t nvmlSystemGetDriverVersion(char *version, unsigned int length) {
    LOCKED(init_refs == 0 ? NVML_ERROR_UNINITIALIZED : text_locked(version, length, driver));
}

nvmlReturn_t nvmlSystemGetNVMLVersion(char *version, unsigned int length) {
    LOCKED(init_refs == 0 ? NVML_ERROR_UNINITIALIZED : text_locked(version, length, "12.580.65.06"));
}

static nvmlReturn_t count_locked(unsigned int *count) {
    if (init_refs == 0) {
        return NVML_ERROR_UNINITIALIZED;
    }
    if (count == NULL) {
        return NVML_ERROR_INVALID_ARGUMENT;
    }
    *count = device_count;
    return NVML_SUCCESS;
}

nvmlReturn_t nvmlDeviceGetCount_v2(unsigned int *deviceCount) {
    LOCKED(count_locked(deviceCount));
}

static nvmlReturn_t by_index_locked(unsigned int index, nvmlDevice_t *device) {
    if (init_refs == 0) {
        return NVML_ERROR_UNINITIALIZED;
    }
    if (device == NULL || index >= device_count) {
        return NVML_ERROR_INVALID_ARGUMENT;
    }
    nvmlReturn_t r = devices[index].fail[C_HANDLE];
    if (r != NVML_SUCCESS) {
        return r;
    }
    *device = &devices[index];
    return NVML_SUCCESS;
}

nvmlReturn_t nvmlDeviceGetHandleByIndex_v2(unsigned int index, nvmlDevice_t *device) {
    LOCKED(by_index_locked(index, device));
}

static nvmlReturn_t by_uuid_locked(const char *uuid, nvmlDevice_t *device) {
    if (init_refs == 0) {
        return NVML_ERROR_UNINITIALIZED;
    }
    if (uuid == NULL || device == NULL) {
        return NVML_ERROR_INVALID_ARGUMENT;
    }
    for (unsigned int i = 0; i < device_count; i++) {
        if (strcmp(devices[i].uuid, uuid) == 0) {
            return by_index_locked(i, device);
        }
    }
    return NVML_ERROR_NOT_FOUND;
}

nvmlReturn_t nvmlDeviceGetHandleByUUID(const char *uuid, nvmlDevice_t *device) {
    LOCKED(by_uuid_locked(uuid, device));
}

/* The unsigned int field at OFFSET of a device (read only once the handle is checked), or the code the script says. */
static nvmlReturn_t uint_locked(nvmlDevice_t device, int call, unsigned int *out, size_t offset) {
    nvmlReturn_t r = check(device, call);
    if (r != NVML_SUCCESS) {
        return r;
    }
    if (out == NULL) {
        return NVML_ERROR_INVALID_ARGUMENT;
    }
    if (call == C_INDEX) {
        *out = (unsigned int) (device - devices);
    } else if (call == C_ENFORCED && !device->enforced_set) {
        *out = device->limit_mw;
    } else {
        *out = *(const unsigned int *) ((const char *) device + offset);
    }
    return NVML_SUCCESS;
}

#define FIELD(f) offsetof(struct nvmlDevice_st, f)

nvmlReturn_t nvmlDeviceGetIndex(nvmlDevice_t device, unsigned int *index) {
    LOCKED(uint_locked(device, C_INDEX, index, 0));
}

static nvmlReturn_t device_text_locked(nvmlDevice_t device, int call, char *buffer, unsigned int length) {
    nvmlReturn_t r = check(device, call);
    return r != NVML_SUCCESS ? r : text_locked(buffer, length, call == C_NAME ? device->name : device->uuid);
}

nvmlReturn_t nvmlDeviceGetName(nvmlDevice_t device, char *name, unsigned int length) {
    LOCKED(device_text_locked(device, C_NAME, name, length));
}

nvmlReturn_t nvmlDeviceGetUUID(nvmlDevice_t device, char *uuid, unsigned int length) {
    LOCKED(device_text_locked(device, C_UUID, uuid, length));
}

nvmlReturn_t nvmlDeviceGetPowerUsage(nvmlDevice_t device, unsigned int *power) {
    LOCKED(uint_locked(device, C_POWER, power, FIELD(power_mw)));
}

nvmlReturn_t nvmlDeviceGetPowerManagementLimit(nvmlDevice_t device, unsigned int *limit) {
    LOCKED(uint_locked(device, C_LIMIT, limit, FIELD(limit_mw)));
}

nvmlReturn_t nvmlDeviceGetEnforcedPowerLimit(nvmlDevice_t device, unsigned int *limit) {
    LOCKED(uint_locked(device, C_ENFORCED, limit, FIELD(enforced_mw)));
}

nvmlReturn_t nvmlDeviceGetPowerManagementDefaultLimit(nvmlDevice_t device, unsigned int *defaultLimit) {
    LOCKED(uint_locked(device, C_DEFAULT, defaultLimit, FIELD(default_mw)));
}

static nvmlReturn_t constraints_locked(nvmlDevice_t device, unsigned int *min, unsigned int *max) {
    nvmlReturn_t r = check(device, C_CONSTRAINTS);
    if (r != NVML_SUCCESS) {
        return r;
    }
    if (min == NULL || max == NULL) {
        return NVML_ERROR_INVALID_ARGUMENT;
    }
    *min = device->min_mw;
    *max = device->max_mw;
    return NVML_SUCCESS;
}

nvmlReturn_t nvmlDeviceGetPowerManagementLimitConstraints(nvmlDevice_t device, unsigned int *minLimit,
                                                          unsigned int *maxLimit) {
    LOCKED(constraints_locked(device, minLimit, maxLimit));
}

static nvmlReturn_t set_limit_locked(nvmlDevice_t device, unsigned int limit) {
    nvmlReturn_t r = check(device, C_SET_LIMIT);
    if (r != NVML_SUCCESS) {
        return r;
    }
    device->set_limit_calls++;
    if (device->clamp && (limit < device->min_mw || limit > device->max_mw)) {
        return NVML_ERROR_INVALID_ARGUMENT;
    }
    if (device->sticks) {
        device->limit_mw = limit;
    }
    return NVML_SUCCESS;
}

nvmlReturn_t nvmlDeviceSetPowerManagementLimit(nvmlDevice_t device, unsigned int limit) {
    LOCKED(set_limit_locked(device, limit));
}

nvmlReturn_t nvmlDeviceGetTemperature(nvmlDevice_t device, int sensorType, unsigned int *temp) {
    LOCKED(sensorType != 0 ? NVML_ERROR_INVALID_ARGUMENT : uint_locked(device, C_TEMP, temp, FIELD(temp_c)));
}

static nvmlReturn_t threshold_locked(nvmlDevice_t device, int type, unsigned int *temp) {
    switch (type) {
    case 0: return uint_locked(device, C_SHUTDOWN, temp, FIELD(shutdown_c));  /* NVML_TEMPERATURE_THRESHOLD_SHUTDOWN */
    case 1: return uint_locked(device, C_SLOWDOWN, temp, FIELD(slowdown_c));  /* NVML_TEMPERATURE_THRESHOLD_SLOWDOWN */
    default: return check(device, C_ALL) != NVML_SUCCESS ? check(device, C_ALL) : NVML_ERROR_NOT_SUPPORTED;
    }
}

nvmlReturn_t nvmlDeviceGetTemperatureThreshold(nvmlDevice_t device, int thresholdType, unsigned int *temp) {
    LOCKED(threshold_locked(device, thresholdType, temp));
}

static nvmlReturn_t util_locked(nvmlDevice_t device, nvmlUtilization_t *utilization) {
    nvmlReturn_t r = check(device, C_UTIL);
    if (r != NVML_SUCCESS) {
        return r;
    }
    if (utilization == NULL) {
        return NVML_ERROR_INVALID_ARGUMENT;
    }
    utilization->gpu = device->util;
    utilization->memory = device->util / 2;
    return NVML_SUCCESS;
}

nvmlReturn_t nvmlDeviceGetUtilizationRates(nvmlDevice_t device, nvmlUtilization_t *utilization) {
    LOCKED(util_locked(device, utilization));
}

static nvmlReturn_t ecc_locked(nvmlDevice_t device, int errorType, int counterType, unsigned long long *count) {
    nvmlReturn_t r = check(device, C_ECC);
    if (r != NVML_SUCCESS) {
        return r;
    }
    if (count == NULL || errorType < 0 || errorType > 1 || counterType < 0 || counterType > 1) {
        return NVML_ERROR_INVALID_ARGUMENT;
    }
    *count = errorType == 1 ? device->ecc : 0; /* NVML_MEMORY_ERROR_TYPE_UNCORRECTED = 1 */
    return NVML_SUCCESS;
}

nvmlReturn_t nvmlDeviceGetTotalEccErrors(nvmlDevice_t device, int errorType, int counterType,
                                         unsigned long long *eccCounts) {
    LOCKED(ecc_locked(device, errorType, counterType, eccCounts));
}

static nvmlReturn_t reasons_locked(nvmlDevice_t device, unsigned long long *reasons) {
    nvmlReturn_t r = check(device, C_REASONS);
    if (r != NVML_SUCCESS) {
        return r;
    }
    if (reasons == NULL) {
        return NVML_ERROR_INVALID_ARGUMENT;
    }
    *reasons = device->reasons;
    return NVML_SUCCESS;
}

#ifndef OLD_DRIVER
nvmlReturn_t nvmlDeviceGetCurrentClocksEventReasons(nvmlDevice_t device, unsigned long long *clocksEventReasons) {
    LOCKED(reasons_locked(device, clocksEventReasons));
}
#endif

nvmlReturn_t nvmlDeviceGetCurrentClocksThrottleReasons(nvmlDevice_t device, unsigned long long *clocksThrottleReasons) {
    LOCKED(reasons_locked(device, clocksThrottleReasons));
}
