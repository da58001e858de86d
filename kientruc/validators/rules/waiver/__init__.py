"""Rules about the manifest's waivers (approved, dated exceptions to a rule)."""
