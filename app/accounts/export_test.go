package accounts

// HashesVerified exposes the argon2id verify count to the external tests.
func (s *Service) HashesVerified() int64 { return s.hasher.verified.Load() }
