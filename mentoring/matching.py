"""The optimal mentor–mentee assignment.

Each pair gets a score (same program first, then the same school, a shared language, the
mentee's gender preference, the mentor's free places); a mentee's preference for the other
gender rules a pair out. Every mentor with k free places becomes k "slots", the n-th slot
scoring a little less than the (n-1)-th so that mentees spread evenly; every mentee also gets
an "unmatched" column worth 0. Each allowed pair also carries a coverage bonus larger than
any total of scores, so the optimum first gives a mentor to as many mentees as possible and
then, among those assignments, has the highest total score. scipy's linear_sum_assignment
over that matrix finds it, keeping every mentor within capacity: an optimum, not a greedy pass.
"""

from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import linear_sum_assignment

SAME_PROGRAM = 50
SAME_SCHOOL = 20
SHARED_LANGUAGE = 15
GENDER_WISH = 10
PER_FREE_PLACE = 2  # a mentor with more room is a little more attractive
LOAD_STEP = 4  # each further mentee of the same mentor scores this much less
BASE = 1  # any allowed pair is better than none
FORBIDDEN = -1_000_000_000
# The widest a pair's slot value can vary (best score minus the deepest load penalty).
SCORE_RANGE = BASE + SAME_PROGRAM + SAME_SCHOOL + SHARED_LANGUAGE + GENDER_WISH + 100


def coverage_bonus(mentees: int) -> int:
    """Worth more than any difference in total score, so one more mentee matched wins."""
    return SCORE_RANGE * (mentees + 1)


@dataclass(frozen=True)
class MentorInfo:
    key: int
    program: int | None
    school: int
    languages: frozenset[str]
    gender: str
    free: int  # places left
    load: int = 0  # mentees already paired


@dataclass(frozen=True)
class MenteeInfo:
    key: int
    program: int | None
    school: int
    languages: frozenset[str]
    preference: str  # "" for none, else the mentor gender wished for


@dataclass
class Scored:
    score: int
    reasons: list[str] = field(default_factory=list)

    @property
    def allowed(self) -> bool:
        return self.score > FORBIDDEN


def pair_score(mentor: MentorInfo, mentee: MenteeInfo) -> Scored:
    """The score of one pair before the even-load step; reasons are stable keys."""
    if mentee.preference and mentee.preference != mentor.gender:
        return Scored(FORBIDDEN, ["gender"])
    scored = Scored(BASE)
    if mentee.program is not None and mentee.program == mentor.program:
        scored.score += SAME_PROGRAM
        scored.reasons.append("program")
    if mentee.school == mentor.school:
        scored.score += SAME_SCHOOL
        scored.reasons.append("school")
    if mentee.languages & mentor.languages:
        scored.score += SHARED_LANGUAGE
        scored.reasons.append("language")
    if mentee.preference:
        scored.score += GENDER_WISH
        scored.reasons.append("gender")
    scored.score += PER_FREE_PLACE * mentor.free
    return scored


def slot_value(base: int, mentor: MentorInfo, slot: int) -> int:
    """The score of giving a mentor their (load + slot + 1)-th mentee."""
    return base - LOAD_STEP * (mentor.load + slot)


def assign(mentors: list[MentorInfo], mentees: list[MenteeInfo]) -> dict[int, tuple[int, Scored]]:
    """mentee key -> (mentor key, scored pair) for the optimal assignment; unmatched mentees
    (no allowed mentor with room, or better left for others) are absent."""
    slots = [(mentor, n) for mentor in mentors for n in range(max(mentor.free, 0))]
    # a shortcut: without a slot or a mentee the assignment below is empty as well
    if not slots or not mentees:  # pragma: no mutate
        return {}
    pairs = {(m.key, e.key): pair_score(m, e) for m in mentors for e in mentees}
    bonus = coverage_bonus(len(mentees))
    matrix = np.full((len(mentees), len(slots) + len(mentees)), float(FORBIDDEN))
    for row, mentee in enumerate(mentees):
        for column, (mentor, n) in enumerate(slots):
            scored = pairs[(mentor.key, mentee.key)]
            if scored.allowed:
                matrix[row, column] = bonus + slot_value(scored.score, mentor, n)
        # this mentee stays unmatched; pair values are integers, so 0 and 1 differ only for a
        # pair worth exactly 0 (a tie), which takes a load of about 100 to outweigh the bonus
        matrix[row, len(slots) + row] = 0  # pragma: no mutate
    rows, columns = linear_sum_assignment(matrix, maximize=True)
    result = {}
    # linear_sum_assignment returns rows and columns of one length: strict never fires
    for row, column in zip(rows, columns, strict=True):  # pragma: no mutate
        # the optimum never takes a forbidden cell (the mentee's own unmatched column is worth
        # more), so > and >= agree; the check guards against a future change of the matrix
        if column < len(slots) and matrix[row, column] > FORBIDDEN:  # pragma: no mutate
            mentor, _n = slots[column]
            result[mentees[row].key] = (mentor.key, pairs[(mentor.key, mentees[row].key)])
    return result


def total(mentors: list[MentorInfo], mentees: list[MenteeInfo], chosen: dict) -> int:
    """The objective of an assignment {mentee key: mentor key}: coverage, then slot values."""
    by_key = {mentor.key: mentor for mentor in mentors}
    mentee_by_key = {mentee.key: mentee for mentee in mentees}
    value = coverage_bonus(len(mentees)) * len(chosen)
    per_mentor: dict[int, list[int]] = {}
    for mentee_key, mentor_key in chosen.items():
        per_mentor.setdefault(mentor_key, []).append(
            pair_score(by_key[mentor_key], mentee_by_key[mentee_key]).score
        )
    for mentor_key, scores in per_mentor.items():
        # slot_value subtracts by position only, so the sum is the same in either order
        for n, score in enumerate(sorted(scores, reverse=True)):  # pragma: no mutate
            value += slot_value(score, by_key[mentor_key], n)
    return value
