"""Verifiable credentials: a pure core (no Django). Open Badges 3.0 AchievementCredentials
signed with Ed25519 as a DataIntegrityProof (cryptosuite eddsa-rdfc-2022), verified offline
against the shipped JSON-LD contexts, the OB 3.0 schema and a Bitstring status list."""
