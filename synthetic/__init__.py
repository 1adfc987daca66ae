"""Synthetic force-area data with planted ground truth (``linkwatch generate``).

Real police, NHS and local-authority records never enter this repository. This package writes
the extracts a force and its partners would hand over (each in its own format, with identity
noise and no shared ids) and, separately, the truth about them, so every analysis can be
measured against what was planted.

Base rates and their sources (``docs/domain.md``):

- Force area: ~1.3 million residents in four local policing areas (Herefordshire,
  Shropshire, Telford & Wrekin, Worcestershire); town populations are public figures, rounded.
- Death reports: the Met recorded 10,978 in 2022 for ~8.9 million residents, about 1.23 per
  1,000 residents a year (``DEATH_REPORTS_PER_PERSON_YEAR``); a 1.3M force sees ~1,600.
- Homicides: ~8-24 a year in such a force, ~590 a year in England & Wales (year to March 2023),
  ~100 of them domestic; ~38% of adult female victims are killed by a partner or ex-partner.
  Planted DA homicides, network homicides and the killers' series carry the homicides here.
- Households: 2.36 people on average (Census 2021).
- Police incidents (~0.05 a person a year with named people), NHS contacts of interest to
  police (assaults, overdoses, self-harm, mental-health crises; ~0.03) and local-authority
  referrals (safeguarding, social care, housing, ASB; ~0.02) are order-of-magnitude settings
  for the people known to agencies, not published rates.
- Planted patterns: linked series and decoys from the scenario library
  (``synthetic/scenarios/*.yaml``: Port, Shipman, staged domestic deaths, attacks on rough
  sleepers; drug-using friends, care staff, busy places, contaminated batches), DA dyads on
  Monckton Smith's eight-stage homicide timeline with non-fatal strangulation as a marker,
  county-lines co-offending networks whose later violence follows Papachristos & Wildeman
  (2014): victims cluster a tie or two from earlier victims.

Small populations cannot carry these rates, so each planted pattern has a floor (e.g. at
least two series) and grows with the square root of the population; the counts actually made
are recorded in ``ground_truth.json``.
"""
