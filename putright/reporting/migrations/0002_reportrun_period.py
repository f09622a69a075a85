from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("reporting", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="reportrun",
            name="period",
            field=models.CharField(
                blank=True,
                choices=[
                    ("", "The whole year"),
                    ("Q1", "Quarter 1 (Q1)"),
                    ("Q2", "Quarter 2 (Q2)"),
                    ("Q3", "Quarter 3 (Q3)"),
                    ("Q4", "Quarter 4 (Q4)"),
                    ("H1", "First half year (H1)"),
                    ("H2", "Second half year (H2)"),
                ],
                default="",
                max_length=2,
            ),
        ),
    ]
