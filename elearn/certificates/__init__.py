"""Certificates of completion: verification codes and the PDF. Issued by
``elearn.progress.certificates``; downloaded and verified through ``elearn.learn``."""
