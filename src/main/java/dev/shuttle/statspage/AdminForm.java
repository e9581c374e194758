package dev.shuttle.statspage;

/**
 * The action form under a proxy's table when {@code stats admin} allows it (configuration.txt,
 * "stats admin"): the checked servers ({@code s}), the action ({@code action}) and the backend
 * ({@code b=#<id>}) are posted to the page, as HAProxy's form posts them.
 */
final class AdminForm {
    private AdminForm() {}

    static void append(StringBuilder out, String proxy, int proxyId) {
        out.append("<div class=admin>Choose the action to perform on the checked servers : ")
                .append("<select name=action><option value=\"\"></option>");
        for (AdminAction action : AdminAction.values()) {
            if (action.title() == null) {
                continue;
            }
            out.append("<option value=\"").append(action.formValue()).append("\">").append(action.title())
                    .append("</option>");
        }
        out.append("</select><input type=\"hidden\" name=\"b\" value=\"#").append(proxyId).append("\">")
                .append("&nbsp;<input type=\"submit\" value=\"Apply\"></div>");
    }
}
