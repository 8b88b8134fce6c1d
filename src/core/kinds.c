/*
 * kinds.c - the table of the core's record kinds. A feature adds its kind
 * here, once: front ends find kinds by name (dy_kind_find), and a kind's
 * descriptor lives in the feature's own file.
 */
#include <string.h>

#include "dyad.h"
#include "banned.h"

static const struct dy_kind *const kinds[] = {
	&dy_kind_journal,
	&dy_kind_journal_response,
	&dy_kind_pulse,
	&dy_kind_practice,
	&dy_kind_reaction,
	&dy_kind_assessment,
	&dy_kind_assessment_result,
	&dy_kind_instrument,
	&dy_kind_assess_prefs,
	&dy_kind_boundary,
	&dy_kind_boundary_answer,
	&dy_kind_goal,
	&dy_kind_goal_note,
	&dy_kind_goal_dismissal,
	&dy_kind_interest,
	&dy_kind_checkin_item,
	&dy_kind_checkin,
	&dy_kind_checkin_mark,
	&dy_kind_checkin_turn,
	&dy_kind_checkin_agreement,
	&dy_kind_checkin_done,
	&dy_kind_question_answer,
};

const struct dy_kind *
dy_kind_find(const char *name)
{
	size_t i;

	if (name == NULL)
		return NULL;
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcmp(kinds[i]->name, name) == 0)
			return kinds[i];
	return NULL;
}
