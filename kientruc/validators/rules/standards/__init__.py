"""Standards rules: the list of technical standards for IT in state agencies (TT 39/2017/TT-BTTTT)
and related lists, read from the profile (``standards:``, see frameworks/_catalog.yaml).

Only group 1 (connection) of TT 39/2017 and the document formats are verified in kientruc's
reference; the data-integration, information-access and security groups were not
retrieved. Rules that depend on the unverified groups are info only.
"""
