/*
 * default_model.h - the default rules (data/rules.yaml) compiled at build time.
 *
 * The build loads data/rules.yaml with the normal loader and all its checks (src/gen/
 * emit_model.c) and writes its model as static const C objects: sa_default_model is their root,
 * with builtin set. sa_rules_load (defaults.c) hands out a copy of the root and of its timeline
 * and shares the rest, which is read-only; sa_rules_free frees only the copies.
 */
#ifndef SA_DEFAULT_MODEL_H
#define SA_DEFAULT_MODEL_H

#include "internal.h"

extern const sa_rules sa_default_model;

#endif
