package accounts

// KeepsAnAdmin refuses (ErrLastAdmin) to switch off, demote or delete acct
// when it is the last enabled admin: otherActiveAdmins counts the enabled
// admins besides it. The store calls it inside the changing transaction.
func KeepsAnAdmin(acct Account, otherActiveAdmins int) error {
	if acct.Role == RoleAdmin && !acct.Disabled && otherActiveAdmins == 0 {
		return ErrLastAdmin
	}
	return nil
}
