"""Moving questions in and out of the bank: GIFT, Aiken, Moodle XML and an Excel template.

Each format module parses a decoded text (or workbook bytes) into a
``records.ParseResult`` and writes questions back out. Parsers check the
syntax of their format only; ``services`` validates every parsed question
with its question type, creates categories and questions, and stores
embedded files.
"""
