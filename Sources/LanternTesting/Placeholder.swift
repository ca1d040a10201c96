enum _PlaceholderLanternTesting {}
