"""The school-based research flow (校本研修): its log, its state and what each group still lacks."""
