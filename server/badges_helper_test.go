package server

import "presente/server/store"

func storeFilter(inst int64) store.BadgeFilter { return store.BadgeFilter{Institution: inst} }
