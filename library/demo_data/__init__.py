"""Texts and metadata of the library demo (``library.demo``), kept apart from the builder.

Every sentence here was written for this project. Facts about real documents (numbers,
dates, issuing bodies, what a document is about, which document amends or replaces
which) come from the documents' titles, public legal databases and the background
article in shared/; no article of any document is quoted or paraphrased. Materials of
the demo training units (training materials, lectures, books, research topics) and
their authors are invented and say so.
"""
