"""The law of sanctions as generic mechanisms: the rulebook brings the data, this package applies it.

* :mod:`._forms` — sanction forms by subject and their order of severity; aggravating and mitigating
  circumstances; competence tables (which body may decide or propose which form for whom, and when);
  :class:`~._forms.Decision`, the result-with-explanation every function returns.
* :mod:`._ballot` — counting a secret ballot: thresholds as parameters, the denominator of all full
  members, cumulative counting from the heaviest form down, two-stage forms (propose, then decide).
* :mod:`._limitation` — deferral (pregnancy, a young child, serious illness in hospital) and the
  limitation period (its length by level, the kinds with none, the clock, restarts, the end point).
* :mod:`._effect` — how long a sanction is in force, what it bars, and complaints against it (the window,
  whether a complaint is in time, the time to resolve it).
* :mod:`._removal` — removal from the roll: its grounds, and the refusal to strike off a full member who
  deserves expulsion.

Nothing here is Vietnamese: the forms, tables, circumstances and parameter keys of the party rulebook are in
:mod:`kiemtra.rulebooks.vn`. Every number is a rulebook parameter read on the date that governs it, and every
result carries an :class:`~kiemtra.Explanation` with the rule, its version, the parameters read (value,
citation, status), the inputs, the thresholds, the citations and the governing date.
"""
