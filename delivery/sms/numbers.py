"""Phone numbers as people write them, stored one way: E.164 (`+14165550199`).

A number without a country code is read in the deployment's default region, so an admin
may type "(416) 555-0199" as well as "+1 416-555-0199"; both are the same learner's number,
which is what keeps numbers unique and STOP reaching everyone on one.
"""

from __future__ import annotations

import phonenumbers

DEFAULT_REGION = "CA"


class InvalidPhone(ValueError):
    pass


def is_region(code: str) -> bool:
    return code.upper() in phonenumbers.SUPPORTED_REGIONS


def normalise_phone(raw: str, region: str | None = DEFAULT_REGION) -> str:
    """E.164 for a number that can be dialled; `InvalidPhone` with the reason otherwise.
    `region` reads numbers without "+country code"; None requires the code."""
    try:
        number = phonenumbers.parse(raw, region.upper() if region else None)
    except phonenumbers.NumberParseException:
        where = f" (or a number in region {region.upper()})" if region else ""
        raise InvalidPhone(
            f"not a phone number; write it with its country code, e.g. +14165550199{where}"
        ) from None
    if number.extension:
        raise InvalidPhone("an extension cannot receive texts; give a mobile number")
    if not phonenumbers.is_valid_number(number):
        raise InvalidPhone(
            "no such number: check the digits and the country code, e.g. +14165550199"
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
