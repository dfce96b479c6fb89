SET lock_timeout = '5s';

DROP TABLE IF EXISTS runtime_image_pins;
