/// The inline stylesheet of the HTML report: no external asset, light and dark schemes,
/// readable from a phone to a wall screen.
enum HTMLStyle {
    static let css = """
    :root{--pass:#1a7f37;--fail:#cf222e;--unknown:#9a6700;--error:#8250df;--skip:#6e7781;--waived:#0969da;\
    --bg:#ffffff;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--panel:#f6f8fa;color-scheme:light dark}
    @media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--line:#3d444d;--panel:#151b23;\
    --pass:#3fb950;--fail:#f85149;--unknown:#d29922;--error:#a371f7;--skip:#9198a1;--waived:#4493f8}}
    *{box-sizing:border-box}
    body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif}
    main{display:flex;flex-direction:column;gap:1rem;padding:clamp(.75rem,2vw,2rem);max-width:100%}
    header{order:-2}header h1{margin:0;font-size:clamp(1.4rem,3vw,2.4rem)}
    .summary{order:-1;display:flex;flex-wrap:wrap;gap:.75rem}
    .count{flex:1 1 7rem;border:1px solid var(--line);border-radius:.5rem;padding:.5rem .75rem;background:var(--panel)}
    .count b{display:block;font-size:clamp(1.6rem,4vw,3.2rem);line-height:1.1}
    .muted{color:var(--muted)}
    .scroll{overflow-x:auto;border:1px solid var(--line);border-radius:.5rem}
    table{border-collapse:collapse;width:100%}
    th,td{border-bottom:1px solid var(--line);padding:.35rem .5rem;text-align:left;vertical-align:top}
    thead th{position:sticky;top:0;background:var(--panel);font-size:.8rem}
    td.o{width:2rem;min-width:2rem;text-align:center;font-weight:700;color:#fff}
    td.o a{color:inherit;text-decoration:none;display:block}
    .o-pass{background:var(--pass)}.o-fail{background:var(--fail)}.o-unknown{background:var(--unknown)}
    .o-error{background:var(--error)}.o-skip{background:var(--skip)}.o-waived{background:var(--waived)}.o-none{background:transparent}
    .tag{display:inline-block;min-width:5.5rem;padding:0 .4rem;border-radius:.3rem;color:#fff;font-weight:700;text-align:center}
    tr.detail>td{padding:0}
    .d{position:sticky;left:0;max-width:calc(100vw - 3rem);padding:.5rem .75rem}
    details{margin:.25rem 0}summary{cursor:pointer;overflow-wrap:anywhere}
    code{font:0.9em ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;overflow-wrap:anywhere}
    ul{margin:.25rem 0;padding-left:1.25rem}
    tbody th{min-width:6rem;max-width:40vw;overflow-wrap:anywhere}
    @media (max-width:600px){.rs{display:none}}
    @media (min-width:1800px){body{font-size:20px}}
    """
}
