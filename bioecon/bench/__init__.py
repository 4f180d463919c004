"""`bioecon bench …`: benchmark harnesses (goals and figures in docs/performance.md).

One module per command: :mod:`.ledger`, :mod:`.classify`, :mod:`.extract`, :mod:`.web`; the
rows they report and their timing in :mod:`.harness`; generated data in :mod:`.synthetic`;
the plain-pandas baseline of `bench ledger` in :mod:`.baseline`, which needs the optional
``bench`` extra (``pip install 'bioecon[bench]'``). Data is written through
:mod:`bioecon.services.benchmark`, never to the store directly.
"""
