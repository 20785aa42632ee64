package io.shopstack.auth.login;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.util.HtmlUtils;

/**
 * The sign-in form (Spring Security's generated page can only say "Invalid credentials"): after a failure it tells a
 * throttled sign-in apart, with the wait, but never whether the account exists.
 */
@Controller
class LoginPageController {

    @GetMapping(value = "/login", produces = MediaType.TEXT_HTML_VALUE)
    @ResponseBody
    String loginPage(HttpServletRequest request, CsrfToken csrf) {
        String message = null;
        if (request.getParameter("error") != null) {
            message = LoginMessages.failure(lastFailure(request.getSession(false)));
        } else if (request.getParameter("logout") != null) {
            message = "You have been signed out.";
        }
        return LoginMessages.page(
                request.getContextPath() + "/login", csrf.getParameterName(), csrf.getToken(), message);
    }

    private static Object lastFailure(HttpSession session) {
        return session == null ? null : session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
    }

    /** Texts and markup of the page; every dynamic value is HTML-escaped. */
    static final class LoginMessages {

        private LoginMessages() {}

        static String failure(Object exception) {
            return switch (exception) {
                case LoginThrottledException throttled ->
                    "Too many failed sign-in attempts. Try again in "
                            + duration(throttled.retryAfter().toSeconds()) + ".";
                case InternalAuthenticationServiceException unavailable ->
                    "Sign-in is temporarily unavailable. Please try again later.";
                case null, default -> "Invalid username or password.";
            };
        }

        private static String duration(long seconds) {
            if (seconds < 60) {
                return Math.max(1, seconds) + " seconds";
            }
            long minutes = (seconds + 59) / 60;
            return minutes == 1 ? "1 minute" : minutes + " minutes";
        }

        static String page(String action, String csrfName, String csrfValue, String message) {
            String alert = message == null
                    ? ""
                    : "<p class=\"alert\" role=\"alert\">" + HtmlUtils.htmlEscape(message) + "</p>\n";
            return """
                    <!DOCTYPE html>
                    <html lang="en">
                    <head>
                      <meta charset="utf-8">
                      <meta name="viewport" content="width=device-width, initial-scale=1">
                      <title>Sign in · shopstack</title>
                      <style>
                        body { font-family: system-ui, sans-serif; max-width: 22rem; margin: 4rem auto; padding: 0 1rem; }
                        label, input, button { display: block; width: 100%%; box-sizing: border-box; }
                        input { margin: .25rem 0 1rem; padding: .5rem; }
                        button { padding: .6rem; }
                        .alert { padding: .75rem; background: #fdecea; border: 1px solid #f5c2c0; color: #611a15; }
                      </style>
                    </head>
                    <body>
                      <h1>Sign in</h1>
                      %s<form method="post" action="%s">
                        <label for="username">Username</label>
                        <input type="text" id="username" name="username" autocomplete="username" required autofocus>
                        <label for="password">Password</label>
                        <input type="password" id="password" name="password" autocomplete="current-password" required>
                        <input type="hidden" name="%s" value="%s">
                        <button type="submit">Sign in</button>
                      </form>
                    </body>
                    </html>
                    """.formatted(
                            alert,
                            HtmlUtils.htmlEscape(action),
                            HtmlUtils.htmlEscape(csrfName),
                            HtmlUtils.htmlEscape(csrfValue));
        }
    }
}
