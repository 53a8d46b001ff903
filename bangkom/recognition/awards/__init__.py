"""Awards (*penghargaan*): schemes with criteria per year, eligibility computed from the data,
nominations, the BKPSDM's decisions, award certificates and credentials, the unit leaderboard."""
