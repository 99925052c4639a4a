"""What the site's management commands share."""

from django.core.management.base import BaseCommand


class TranslatedCommand(BaseCommand):
    """A command whose `help` is a lazy translation. argparse wants a str, so it
    becomes one when the parser is built, in the language then active
    (GOVDX_LANGUAGE=en for English)."""

    def create_parser(self, prog_name, subcommand, **kwargs):
        self.help = str(self.help)
        return super().create_parser(prog_name, subcommand, **kwargs)
