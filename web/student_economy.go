package web

import (
	"math"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"animalgenius/app/economy"
)

// studentEconomy is the student's dashboard: coins, store state, avatar,
// pet and the latest coin movements.
func (s *Server) studentEconomy(c *fiber.Ctx) error {
	body, err := s.economy.DashboardJSON(c.UserContext(), currentStudent(c))
	if err != nil {
		return economyError(err)
	}
	return sendJSONBody(c, body)
}

// studentLedger pages through the student's coin history (?before=id).
func (s *Server) studentLedger(c *fiber.Ctx) error {
	return s.ledgerPage(c, currentStudent(c))
}

func (s *Server) ledgerPage(c *fiber.Ctx, studentID int64) error {
	before, err := queryInt(c, "before", 0, 1, math.MaxInt64, "\"before\" must be the id of a history line.")
	if err != nil {
		return err
	}
	const page = 50
	entries, err := s.economy.Ledger(c.UserContext(), studentID, before, page)
	if err != nil {
		return economyError(err)
	}
	return c.JSON(fiber.Map{"entries": entries, "more": len(entries) == page})
}

type storeItemView struct {
	economy.Item
	Owned bool `json:"owned"`
}

// studentStore is the catalog with what the student owns marked.
func (s *Server) studentStore(c *fiber.Ctx) error {
	ctx := c.UserContext()
	id := currentStudent(c)
	d, err := s.economy.Dashboard(ctx, id)
	if err != nil {
		return economyError(err)
	}
	cat, err := s.economy.Catalog(ctx)
	if err != nil {
		return err
	}
	inv, err := s.economy.Inventory(ctx, id)
	if err != nil {
		return err
	}
	owned := map[int64]bool{}
	for _, o := range inv {
		owned[o.ID] = true
	}
	items := make([]storeItemView, len(cat.Items))
	for i, it := range cat.Items {
		items[i] = storeItemView{Item: it, Owned: owned[it.ID]}
	}
	return c.JSON(fiber.Map{"storeOpen": d.StoreOpen, "coins": d.Coins, "animal": d.Student.Animal,
		"hasPet": d.Pet != nil, "items": items, "species": cat.Species})
}

type purchaseBody struct {
	ItemID int64 `json:"itemId"`
}

// studentPurchase buys one item (Idempotency-Key required).
func (s *Server) studentPurchase(c *fiber.Ctx) error {
	var b purchaseBody
	if err := readJSON(c, &b, smallJSON); err != nil {
		return err
	}
	if b.ItemID <= 0 {
		return errBadRequest("Choose an item to buy (\"itemId\").")
	}
	res, err := s.economy.Purchase(c.UserContext(), currentStudent(c), b.ItemID, idempotencyKey(c))
	if err != nil {
		return economyError(err)
	}
	return c.Status(fiber.StatusCreated).JSON(res)
}

// studentInventory lists what the student owns.
func (s *Server) studentInventory(c *fiber.Ctx) error {
	inv, err := s.economy.Inventory(c.UserContext(), currentStudent(c))
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"items": inv})
}

// studentAvatar is the avatar editor's data: current choices, the palette
// and the owned items per slot.
func (s *Server) studentAvatar(c *fiber.Ctx) error {
	ctx := c.UserContext()
	id := currentStudent(c)
	a, err := s.economy.Avatar(ctx, id)
	if err != nil {
		return err
	}
	d, err := s.economy.Dashboard(ctx, id)
	if err != nil {
		return economyError(err)
	}
	inv, err := s.economy.Inventory(ctx, id)
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"avatar": a, "animal": d.Student.Animal, "palette": economy.Palette, "items": inv})
}

type avatarBody struct {
	Primary   string            `json:"primary"`
	Secondary string            `json:"secondary"`
	Equipped  map[string]*int64 `json:"equipped"`
}

// studentAvatarSave stores colours and worn items (null or absent: nothing in that slot).
func (s *Server) studentAvatarSave(c *fiber.Ctx) error {
	var b avatarBody
	if err := readJSON(c, &b, smallJSON); err != nil {
		return err
	}
	a := economy.Avatar{Primary: b.Primary, Secondary: b.Secondary, Equipped: map[economy.Slot]int64{}}
	for slot, id := range b.Equipped {
		if !economy.ValidSlot(economy.Slot(slot)) {
			return errBadRequest("Items go in hat, glasses, neck or background.")
		}
		if id != nil {
			if *id <= 0 {
				return errBadRequest("Choose an item you own.")
			}
			a.Equipped[economy.Slot(slot)] = *id
		}
	}
	id := currentStudent(c)
	if err := s.economy.SaveAvatar(c.UserContext(), id, a); err != nil {
		return economyError(err)
	}
	saved, err := s.economy.Avatar(c.UserContext(), id)
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"avatar": saved})
}

// studentAvatarSVG is the student's avatar picture.
func (s *Server) studentAvatarSVG(c *fiber.Ctx) error {
	return s.sendAvatar(c, currentStudent(c))
}

func (s *Server) sendAvatar(c *fiber.Ctx, studentID int64) error {
	svg, err := s.economy.AvatarSVG(c.UserContext(), studentID)
	if err != nil {
		return economyError(err)
	}
	c.Set(fiber.HeaderContentType, "image/svg+xml; charset=utf-8")
	// Private: it names the student. Revalidated so a new hat shows at once.
	c.Set(fiber.HeaderCacheControl, "private, no-cache")
	return c.Send(svg)
}

// studentAvatarPreview renders unsaved choices for the editor:
// ?primary=%23RRGGBB&secondary=&hat=ID&glasses=&neck=&background=
func (s *Server) studentAvatarPreview(c *fiber.Ctx) error {
	a := economy.Avatar{Primary: c.Query("primary"), Secondary: c.Query("secondary"), Equipped: map[economy.Slot]int64{}}
	for _, slot := range economy.Slots {
		v := c.Query(string(slot))
		if v == "" {
			continue
		}
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			return errBadRequest("Choose an item you own for each slot.")
		}
		a.Equipped[slot] = id
	}
	svg, err := s.economy.PreviewAvatarSVG(c.UserContext(), currentStudent(c), a)
	if err != nil {
		return economyError(err)
	}
	c.Set(fiber.HeaderContentType, "image/svg+xml; charset=utf-8")
	c.Set(fiber.HeaderCacheControl, "private, max-age=60")
	return c.Send(svg)
}
