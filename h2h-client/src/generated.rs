//! Generated per-endpoint methods (placeholder until xtask writes it).
