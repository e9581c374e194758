package dev.shuttle.statspage;

/** The page's style sheet: HAProxy's colour code for rows (its legend), Shuttle's own rules. */
final class PageStyle {
    private PageStyle() {}

    private static final String CSS = """
            <style type="text/css"><!--
            body { font-family: sans-serif; font-size: 12px; color: black; background: white; }
            th, td { font-size: 10px; }
            h1 { font-size: x-large; margin-bottom: 0.5em; }
            h2 { font-size: x-large; font-weight: bold; font-style: italic; color: #6020a0; margin: 0; }
            h3 { font-size: 16px; font-weight: bold; color: #b00040; background: #e8e8d0; margin: 0; }
            .hr { margin-top: 0.25em; border-color: black; border-bottom-style: solid; }
            .titre { background: #20D0D0; color: #000000; font-weight: bold; text-align: center; }
            .frontend, .backend { background: #e8e8d0; }
            .socket { background: #d0d0d0; }
            .active_down, .backup_down { background: #ff9090; }
            .active_going_up { background: #ffd020; }
            .active_going_down { background: #ffffa0; }
            .active_up { background: #c0ffc0; }
            .active_nolb, .active_draining { background: #20a0ff; }
            .active_no_check, .backup_no_check { background: #e0e0e0; }
            .backup_going_up { background: #ff80ff; }
            .backup_going_down { background: #c060ff; }
            .backup_up { background: #b0d0ff; }
            .backup_nolb { background: #90b0e0; }
            .backup_draining { background: #cc9900; }
            .maintain { background: #c07820; }
            .rls { letter-spacing: 0.2em; margin-right: 1px; }
            a.px { color: #ffff40; text-decoration: none; }
            a.lfsb { color: #000000; text-decoration: none; }
            table.tbl { border-collapse: collapse; border-style: none; }
            table.tbl td { text-align: right; border: 1px solid gray; padding: 2px 3px; white-space: nowrap; }
            table.tbl td.ac { text-align: center; }
            table.tbl th { border: 1px solid gray; }
            table.tbl th.pxname { background: #b00040; color: #ffff40; font-weight: bold; padding: 2px 3px; white-space: nowrap; }
            table.tbl th.empty { border-style: none; background: white; }
            table.lgd { border-collapse: collapse; border-left: 1px solid black; }
            table.lgd td { border: 1px solid gray; padding: 2px; }
            table.lgd td.noborder { border-style: none; padding: 2px; white-space: nowrap; }
            --></style>
            """;

    static void append(StringBuilder out) {
        out.append(CSS);
    }
}
