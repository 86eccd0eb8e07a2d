/**
 * The console's HTTP side on Javalin (Jetty): the page and its modules from the jar, uPlot
 * through the webjars locator, a JSON API, and one server-sent event stream per page. Every API
 * request but login needs a session (an HttpOnly, SameSite=Strict cookie); every request that
 * changes anything also needs the session's CSRF token in a header and a same-origin
 * {@code Origin}; viewers may look but not act.
 */
package io.sunsync.ground.console.web;
