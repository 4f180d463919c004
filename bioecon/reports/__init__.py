"""Reports (统计监测月报 …): a bulletin's typed record, its narrative from an editable template
(``bioecon/data/reports/``) and its renderings as .docx, PDF and HTML. No SQL, no store: the
record is built by :mod:`bioecon.services.reports` from the use cases the pages call."""
