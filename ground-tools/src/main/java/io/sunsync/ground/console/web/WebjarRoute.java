package io.sunsync.ground.console.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.InputStream;
import java.util.Map;
import org.webjars.WebJarVersionLocator;

/**
 * Serves browser libraries packaged as webjars (uPlot) at {@code /webjars/LIB/PATH}, without a
 * version in the address: the webjars locator finds the version on the class path, so a library
 * upgrade is a pom change only. Immutable; thread safe.
 */
final class WebjarRoute {
    private static final Map<String, String> TYPES = Map.of("js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8", "map", "application/json");
    private final WebJarVersionLocator locator = new WebJarVersionLocator();

    void register(RoutesConfig r) {
        r.get("/webjars/{lib}/<path>", this::serve);
    }

    private void serve(Context ctx) {
        String lib = ctx.pathParam("lib");
        String path = ctx.pathParam("path");
        String ext = path.substring(path.lastIndexOf('.') + 1);
        if (!lib.matches("[a-z0-9.-]{1,64}") || path.contains("..") || !TYPES.containsKey(ext)) {
            throw new ApiError(404, "NOT_FOUND", "no such library file");
        }
        String full = locator.fullPath(lib, path);
        InputStream in = full == null ? null : WebjarRoute.class.getClassLoader().getResourceAsStream(full);
        if (in == null) {
            throw new ApiError(404, "NOT_FOUND", "no such library file: " + lib + "/" + path);
        }
        ctx.header("Cache-Control", "public, max-age=86400");
        ctx.contentType(TYPES.get(ext)).result(in);
    }
}
