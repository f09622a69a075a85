"""Errors of the organisation app that entry points catch before Django is ready."""

SETUP_HINT = (
    "Set the council up with `putright setup --council NAME --nation NATION` "
    "(or load the demo council with `putright demo`)."
)


class CouncilNotSetUp(RuntimeError):
    """The database has no council yet: a read found nothing and must not invent one."""

    def __init__(self) -> None:
        super().__init__(f"No council has been set up yet. {SETUP_HINT}")
